/** `npm run docs:config`: rewrites the configuration reference in README.md from the schemas. */
import * as fs from "fs";
import * as path from "path";
import { withReference } from "../config/reference";

const readme = path.resolve(__dirname, "..", "README.md");
fs.writeFileSync(readme, withReference(fs.readFileSync(readme, "utf8")));
process.stdout.write(`Configuration reference written to ${readme}\n`);
