/** `npm run docs:config`: rewrites the configuration reference in docs/configuration.md from the schemas. */
import * as fs from "fs";
import * as path from "path";
import { withReference } from "../config/reference";

const reference = path.resolve(__dirname, "..", "docs", "configuration.md");
fs.writeFileSync(reference, withReference(fs.readFileSync(reference, "utf8")));
process.stdout.write(`Configuration reference written to ${reference}\n`);
