import { DurableObject } from "cloudflare:workers";

export class SessionObject extends DurableObject<Env> {
  ping(): string {
    return "pong";
  }
}
