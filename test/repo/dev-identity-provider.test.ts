import { expect } from 'chai';
import { importEdges } from './support/imports.ts';

describe('the development identity provider stays in development', () => {
  it('only connector/src/demo/ imports oidc-provider or the development provider: the connector itself never starts it', () => {
    const edges = importEdges(['connector/src', 'video-service/src']);
    const users = edges.filter(
      (e) => e.specifier === 'oidc-provider' || (e.resolved ?? '').includes('connector/src/demo/dev-idp/'),
    );
    expect(users.length).to.be.greaterThan(0);
    expect(users.filter((e) => !e.from.startsWith('connector/src/demo/')).map((e) => e.from)).to.deep.equal([]);
  });
});
