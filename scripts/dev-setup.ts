// Prepares local development: writes `.dev.vars` with the demo configuration (demo/config.json)
// and a signing key that is made once and then kept, so tokens survive restarts.
// `.dev.vars` is git-ignored and read only by `wrangler dev`: demo values never deploy.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

import { generateSigningKeyJwk } from "../src/identity/signing-key.ts";

const DEV_VARS = ".dev.vars";

function readVar(text: string, name: string): string | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name}=`));
  if (!line) return undefined;
  return line.slice(name.length + 1).replace(/^'|'$/g, "");
}

const previous = existsSync(DEV_VARS) ? readFileSync(DEV_VARS, "utf8") : "";
const signingKey = readVar(previous, "SIGNING_KEY") ?? (await generateSigningKeyJwk());
const config = JSON.stringify(JSON.parse(readFileSync("demo/config.json", "utf8")));

writeFileSync(
  DEV_VARS,
  [
    "# Written by scripts/dev-setup.ts for local development only. The key is kept across runs.",
    `SIGNING_KEY='${signingKey}'`,
    `CONNECT_CONFIG='${config}'`,
    "",
  ].join("\n"),
);
console.log(
  `dev-setup: ${DEV_VARS} ready (demo data source, clients and user from demo/config.json)`,
);
