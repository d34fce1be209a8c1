import { describe, expect, it } from 'vitest';
import type { Secret } from 'kubernetes-types/core/v1.js';
import { errorsOf, loadOne } from './manifestHelpers.js';

const configMap = (body: string): string => `apiVersion: v1
kind: ConfigMap
metadata: { name: conf }
${body}`;
const secret = (body: string): string => `apiVersion: v1
kind: Secret
metadata: { name: creds }
${body}`;

describe('ConfigMap (ValidateConfigMap)', () => {
  it('requires keys made of alphanumerics, -, _ and ., and not . or ..', () => {
    expect(errorsOf(configMap('data: { "bad/key": x, "..": z }\n'))).toEqual([
      "m.yaml:4:20: data[bad/key]: Invalid value: \"bad/key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      'm.yaml:4:29: data[..]: Invalid value: "..": must not be \'..\'',
    ]);
  });

  it('rejects a key in both data and binaryData, and binaryData that is not base64', () => {
    expect(
      errorsOf(configMap('data: { logo: x }\nbinaryData: { logo: aGk=, icon: "not base64!" }\n')),
    ).toEqual([
      'm.yaml:5:33: binaryData[icon]: Invalid value: "not base64!": illegal base64 data at input byte 3',
      'm.yaml:5:21: binaryData[logo]: Invalid value: "logo": duplicate key in both data and binaryData',
    ]);
  });
});

describe('Secret (ValidateSecret)', () => {
  it('rejects data that is not base64, without echoing the secret', () => {
    expect(errorsOf(secret('data: { user: YWRtaW4=, password: cGFzcw }\n'))).toEqual([
      'm.yaml:4:35: data[password]: Invalid value: "<secret contents redacted>": illegal base64 data at input byte 4',
    ]);
  });

  it('checks keys written in stringData under data, where the merge puts them', () => {
    expect(errorsOf(secret('stringData: { "db password": s3cr3t }\n'))).toEqual([
      "m.yaml:4:30: data[db password]: Invalid value: \"db password\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
  });

  it('requires tls.crt and tls.key in a kubernetes.io/tls Secret', () => {
    expect(errorsOf(secret('type: kubernetes.io/tls\ndata: { tls.crt: Y2VydA== }\n'))).toEqual([
      'm.yaml:4:7: data[tls.key]: Required value',
    ]);
  });

  it('requires a username or password in a basic-auth Secret, at the paths upstream prints', () => {
    expect(errorsOf(secret('type: kubernetes.io/basic-auth\nstringData: {}\n'))).toEqual([
      'm.yaml:4:7: data[%s][username]: Required value',
      'm.yaml:4:7: data[%s][password]: Required value',
    ]);
  });

  it('requires the docker config of a dockerconfigjson Secret to be a JSON object', () => {
    const text = (json: string): string =>
      secret(
        `type: kubernetes.io/dockerconfigjson\nstringData: { .dockerconfigjson: '${json}' }\n`,
      );
    expect(errorsOf(secret('type: kubernetes.io/dockerconfigjson\n'))).toEqual([
      'm.yaml:4:7: data[.dockerconfigjson]: Required value',
    ]);
    expect(errorsOf(text('auths'))).toEqual([
      'm.yaml:5:34: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character \'a\' looking for beginning of value',
    ]);
    expect(errorsOf(text('[]'))).toEqual([
      'm.yaml:5:34: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": json: cannot unmarshal array into Go value of type map[string]interface {}',
    ]);
  });

  it('keeps the type it was given', () => {
    const s = loadOne(secret('type: kubernetes.io/ssh-auth\nstringData: { ssh-privatekey: key }\n'))
      .object as Secret;
    expect(s.type).toBe('kubernetes.io/ssh-auth');
    expect(s.data).toEqual({ 'ssh-privatekey': 'a2V5' });
  });
});

describe('Namespace (ValidateNamespace)', () => {
  it('requires the name to be a DNS-1123 label', () => {
    expect(errorsOf('apiVersion: v1\nkind: Namespace\nmetadata: { name: team.a }\n')).toEqual([
      'm.yaml:3:19: metadata.name: Invalid value: "team.a": must not contain dots',
    ]);
  });

  it('requires finalizers to be standard or fully qualified', () => {
    expect(
      errorsOf(
        'apiVersion: v1\nkind: Namespace\nmetadata: { name: team }\nspec: { finalizers: [cleanup] }\n',
      ),
    ).toEqual([
      'm.yaml:4:22: spec.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });
});
