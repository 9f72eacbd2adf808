/**
 * The restore-testing schedules of every tier, parsed by the schedule package that evaluates the
 * backup rules, so that a schedule AWS would refuse (a day name such as SATURDAY, a
 * day of week 8) is refused here, with the key that holds it.
 */
import type { Issues } from "../../core";
import { ScheduleService, checkSchedule } from "@hybrid-backup/aws-schedule";
import type { BackupSection } from "./backup";

export function checkRestoreTestingSchedules(
  config: { readonly backup: BackupSection },
  issues: Issues,
): void {
  for (const [tier, settings] of Object.entries(config.backup.tiers)) {
    const schedule = settings.restoreTesting?.schedule;
    if (schedule === undefined) continue;
    checkSchedule(
      issues.at("backup").at("tiers").at(tier).at("restoreTesting").at("schedule"),
      schedule,
      ScheduleService.RestoreTesting,
    );
  }
}
