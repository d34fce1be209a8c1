import { describe, expect, it } from 'vitest';
import { objectLabel, podLabel } from '../../src/views/objectLabel.js';

describe('objectLabel: how output names an object, as kubectl refers to it', () => {
  it('drops the default namespace and keeps any other', () => {
    expect(objectLabel('Pod/default/web')).toBe('pod/web');
    expect(objectLabel('Pod/kube-system/dns')).toBe('pod/kube-system/dns');
    expect(objectLabel('Service/default/web')).toBe('svc/web');
    expect(objectLabel('Service/shop/web')).toBe('svc/shop/web');
    expect(podLabel('default/web-1')).toBe('pod/web-1');
    expect(podLabel('shop/web-1')).toBe('pod/shop/web-1');
  });

  it('names nodes node/NAME and leaves other kinds as keyed', () => {
    expect(objectLabel('Node/w1')).toBe('node/w1');
    expect(objectLabel('Deployment/default/web')).toBe('Deployment/default/web');
    expect(objectLabel('constructor/default/x')).toBe('constructor/default/x');
    expect(objectLabel('Cluster')).toBe('Cluster');
  });
});
