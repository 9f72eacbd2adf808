/**
 * The hybrid backup topology of one stack: configuration, validation, components, outputs.
 * `pulumi up --stack prod` runs this file; `npm start` previews it offline.
 */
import { loadStackConfig } from "./config/load";
import { buildTopology } from "./topology";

const config = loadStackConfig();

export = buildTopology(config);
