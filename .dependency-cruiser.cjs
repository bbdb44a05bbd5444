/** Module boundaries (DESIGN.md rule 11), checked inside npm test: a violation fails the suite. */
module.exports = {
  forbidden: [
    {
      name: "module-through-index-only",
      comment: "A module imports another module only through its index.ts or its contracts files (contracts.ts, contracts-<part>.ts).",
      severity: "error",
      from: { path: "^src/modules/([^/]+)/" },
      to: { path: "^src/modules/([^/]+)/", pathNot: ["^src/modules/$1/", "^src/modules/[^/]+/(index|contracts[a-z-]*)\\.ts$"] },
    },
    {
      name: "web-only-contracts-and-thai",
      comment: "The web app imports only contracts files (contracts.ts, contracts-<part>.ts), platform/thai and the policy's role list.",
      severity: "error",
      from: { path: "^src/web/" },
      to: { path: "^src/(modules|platform|server)/", pathNot: ["^src/modules/[^/]+/contracts[a-z-]*\\.ts$", "^src/platform/thai/", "^src/platform/auth/policy\\.ts$"] },
    },
    {
      name: "platform-does-not-know-modules",
      comment: "The shared kernel never imports a module or the server.",
      severity: "error",
      from: { path: "^src/platform/" },
      to: { path: "^src/(modules|server|web)/" },
    },
    {
      name: "drizzle-only-in-db-and-modules",
      comment: "Only platform/db, platform/audit, tables and use cases touch Drizzle; never routes or the web.",
      severity: "error",
      from: { path: "^src/(web/|modules/[^/]+/routes[a-z-]*\\.ts$|modules/[^/]+/contracts[a-z-]*\\.ts$)" },
      to: { path: "drizzle-orm" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: { path: "^src/(platform|modules)/" },
      to: { circular: true, pathNot: "\\.test\\.ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.test\\.ts$" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".json"] },
  },
};
