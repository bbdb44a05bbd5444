/** The webhooks module's public surface: the manifest, and the settings read from the environment at start-up. */
export { webhooksModule } from "./module.js";
export { configureWebhooks, dataDirKey, secretKey } from "../../platform/webhooks/index.js";
