// Prints the configuration hash of a client secret or user password:
//   npm exec -- node scripts/hash-secret.ts 'the secret'
import { hashSecret } from "../src/identity/secret-hash.ts";

const secret = process.argv[2];
if (!secret) {
  console.error("usage: node scripts/hash-secret.ts <secret>");
  process.exit(2);
}
console.log(await hashSecret(secret));
