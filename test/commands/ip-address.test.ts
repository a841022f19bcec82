import { describe, expect, it } from "vitest";

import { isNonPublicHost, parseIpv4, parseIpv6 } from "../../src/commands/ip-address.ts";

describe("parseIpv6", () => {
  it("expands compressed forms and a trailing dotted IPv4", () => {
    expect(parseIpv6("::1")).toBe(1n);
    expect(parseIpv6("::")).toBe(0n);
    expect(parseIpv6("2001:db8::ff00:42:8329")).toBe(0x20010db8000000000000ff0000428329n);
    expect(parseIpv6("::ffff:1.2.3.4")).toBe(0xffff01020304n);
  });

  it("refuses malformed addresses", () => {
    for (const text of [
      ":1",
      "1:::2",
      "1::2::3",
      "12345::",
      "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7",
      "g::1",
    ]) {
      expect(parseIpv6(text), text).toBeNull();
    }
  });
});

describe("parseIpv4", () => {
  it("reads dotted decimal only", () => {
    expect(parseIpv4("10.0.0.1")).toBe(0x0a000001n);
    expect(parseIpv4("010.0.0.1")).toBeNull();
    expect(parseIpv4("256.0.0.1")).toBeNull();
    expect(parseIpv4("1.2.3")).toBeNull();
  });
});

describe("isNonPublicHost", () => {
  it("flags local, private and special-purpose addresses", () => {
    const hosts = [
      "localhost",
      "LOCALHOST.",
      "a.b.localhost",
      "0.0.0.0",
      "127.1.2.3",
      "10.255.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "100.127.0.1",
      "169.254.169.254",
      "224.0.0.1",
      "255.255.255.255",
      "[::]",
      "[::1]",
      "[::ffff:a00:1]",
      "[64:ff9b::a00:1]",
      "[2002:a00:1::]",
      "[fc00::1]",
      "[fe80::1]",
      "[ff02::1]",
    ];
    for (const host of hosts) expect(isNonPublicHost(host), host).toBe(true);
  });

  it("lets public addresses and domain names pass", () => {
    const hosts = [
      "receiver.example",
      "8.8.8.8",
      "172.32.0.1",
      "100.128.0.1",
      "[2606:4700::1111]",
      "localhost.example",
    ];
    for (const host of hosts) expect(isNonPublicHost(host), host).toBe(false);
  });
});
