/**
 * Pod IPs from the node's pod CIDR, the way the CNI host-local IPAM plugin hands them out
 * (containernetworking/plugins plugins/ipam/host-local): the first address is the gateway, pods get
 * addresses from network+2 on, continuing after the last one reserved (released addresses are not
 * reused until the range wraps around).
 */
import type { NodeState } from '../state/model.js';
import { memoByText } from '../model/memoByText.js';

/** A CIDR's network address and size; every sandbox on a node parses the node's one pod CIDR. */
export const parseCidr = memoByText(parseCidrText);

function parseCidrText(cidr: string): Readonly<{ base: number; size: number }> | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits < 8 || bits > 30) return undefined;
  const addr = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  const size = 2 ** (32 - bits);
  return { base: addr - (addr % size), size };
}

export function formatIp(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

export function allocateIp(node: NodeState): { ip: string; index: number; hostIP: string } {
  const cidr = parseCidr(node.spec.podCIDR)!;
  // Usable indexes: 2 .. size-2 (network, gateway and broadcast excluded).
  const first = 2;
  const last = cidr.size - 2;
  const span = last - first + 1;
  let idx = node.lastIpIndex;
  for (let i = 0; i < span; i++) {
    idx = idx + 1 > last || idx + 1 < first ? first : idx + 1;
    if (!node.ipsInUse.includes(idx))
      return { ip: formatIp(cidr.base + idx), index: idx, hostIP: node.spec.address };
  }
  // A full range: the kubelet would fail sandbox creation; podsim reports the last address reused.
  return { ip: formatIp(cidr.base + idx), index: idx, hostIP: node.spec.address };
}
