/**
 * Go renderings of values that appear inside API error messages, so podsim's messages read exactly
 * like the API server's. field.Error prints a bad value with `%#v` unless it is a string, a simple
 * number, or a fmt.Stringer (k8s.io/apimachinery/pkg/util/validation/field/errors.go ErrorBody).
 */

/** Go `%q` / `%#v` of a string (strconv.Quote); JSON quoting agrees for printable text. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Go `%#v` of a map[string]string: keys sorted, `map[string]string{"a":"1", "b":"2"}`; nil map → `(nil)`. */
export function goStringMap(m: Readonly<Record<string, string>> | undefined): string {
  if (m === undefined) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(m[k] ?? '')}`).join(', ')}}`;
}

/** intstr.IntOrString.String(): the number, or the string without quotes. */
export function goIntOrString(v: number | string | undefined): string {
  return v === undefined ? '0' : String(v);
}

/** `%#v` of an intstr.IntOrString nested in a struct. */
function goIntOrStringStruct(v: number | string | undefined): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${v ?? 0}, StrVal:""}`;
}

/**
 * `%#v` of the core.ServicePort key that ValidateService uses to find duplicate ports
 * (pkg/apis/core/validation/validation.go: `core.ServicePort{Protocol: port.Protocol, Port: port.Port}`).
 */
export function goServicePortKey(protocol: string, port: number): string {
  return (
    `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), ` +
    `Port:${port}, TargetPort:${goIntOrStringStruct(undefined)}, NodePort:0}`
  );
}

interface SelectorLike {
  matchLabels?: Readonly<Record<string, string>>;
  matchExpressions?: ReadonlyArray<{ key?: string; operator?: string; values?: readonly string[] }>;
}

/**
 * metav1.LabelSelector.String() (gogo-protobuf generated, staging/src/k8s.io/apimachinery/pkg/apis/
 * meta/v1/generated.pb.go): `&LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}`.
 */
export function goLabelSelector(sel: SelectorLike | undefined): string {
  if (sel === undefined) return 'nil';
  const labels = sel.matchLabels ?? {};
  const keys = Object.keys(labels).sort();
  const ml = `map[string]string{${keys.map((k) => `${k}: ${labels[k] ?? ''},`).join('')}}`;
  const exprs = (sel.matchExpressions ?? [])
    .map(
      (e) =>
        `LabelSelectorRequirement{Key:${e.key ?? ''},Operator:${e.operator ?? ''},` +
        `Values:[${(e.values ?? []).join(' ')}],},`,
    )
    .join('');
  return `&LabelSelector{MatchLabels:${ml},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}
