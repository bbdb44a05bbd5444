/** Module boundaries (DESIGN.md rule 11), checked inside npm test: a violation fails the suite. */
module.exports = {
  forbidden: [
    {
      name: "module-through-index-only",
      comment: "A module imports another module only through its index.ts or contracts.ts.",
      severity: "error",
      from: { path: "^src/modules/([^/]+)/" },
      to: { path: "^src/modules/([^/]+)/", pathNot: ["^src/modules/$1/", "^src/modules/[^/]+/(index|contracts)\\.ts$"] },
    },
    {
      name: "web-only-contracts-and-thai",
      comment: "The web app imports only contracts.ts / contracts-*.ts files, platform/thai and the policy's role list.",
      severity: "error",
      from: { path: "^src/web/" },
      to: { path: "^src/(modules|platform|server)/", pathNot: ["^src/modules/[^/]+/contracts[a-z0-9-]*\\.ts$", "^src/platform/thai/", "^src/platform/auth/policy\\.ts$"] },
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
      from: { path: "^src/(web/|modules/[^/]+/routes\\.ts$|modules/[^/]+/contracts\\.ts$)" },
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
