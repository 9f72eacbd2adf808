/** Entry point of `npm start`: the offline gate (see preview/cli.ts for the options). */
import { main } from "../preview/cli";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `error: the gate failed: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exitCode = 2;
  },
);
