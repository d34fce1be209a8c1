/**
 * String order by UTF-16 code unit, as JavaScript's `<` compares: for the ASCII names Kubernetes
 * allows (DNS labels and subdomains), the byte order of etcd's keys and of Go's `<` on strings.
 * Text that may hold any character sorts with views/goText.ts goStringLess instead.
 */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
