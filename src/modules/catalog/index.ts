/** The open-data catalogue (DCAT-like JSON at GET /api/v1/catalog). */
export { catalogModule } from "./module.js";
export { catalogRoutes } from "./routes.js";
export { CATALOG_LICENSE } from "./get-catalog.js";
