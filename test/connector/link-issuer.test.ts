import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { createLinkIssuer } from '../../connector/src/tokens/link-issuer.ts';
import { fromPem } from '../../connector/src/tokens/signing-key.ts';

const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();
const key = fromPem(pem);
const issuer = createLinkIssuer({
  key,
  publicUrl: () => 'https://termine.example.org',
  videoPublicUrl: 'https://video.example.org',
  opensMinutesBefore: 15,
  graceMinutesAfter: 60,
  joinLinks: 'token',
  now: () => new Date(),
});
const start = new Date(Date.now() + 3600_000);
const subject = {
  id: '3f0c2a52-8d3e-4a53-9a39-6f1d3c2a9b10',
  roomId: 'appt-3f0c2a52-8d3e-4a53-9a39-6f1d3c2a9b10',
  title: 'Anmeldung',
  start,
  end: new Date(start.getTime() + 30 * 60_000),
  timezone: 'Europe/Berlin',
  services: ['anmeldung'],
  citizen: { name: 'Erika Mustermann', email: 'erika@example.org', locale: 'de' },
  clerk: { id: 'clerk-7', name: 'Max Schulz' },
};

describe('link issuer (connector/src/tokens/link-issuer.ts)', () => {
  it('fixes the token ids at issue time and signs each link, once, when it is read', () => {
    const issued = issuer.issue(subject);
    const { citizenJti, clerkJti, cancelJti } = issued.credentials;
    const citizen = issued.links.citizen;
    expect(issued.links.citizen, 'signed once').to.equal(citizen);
    const claims = (link: string) =>
      jwt.verify(link.split('#')[1]!, key.publicKey, {
        algorithms: ['ES256'],
        ignoreNotBefore: true,
      }) as jwt.JwtPayload;
    expect(claims(citizen).jti).to.equal(citizenJti);
    expect(claims(issued.links.clerk).jti).to.equal(clerkJti);
    expect(claims(issued.links.cancel).jti).to.equal(cancelJti);
    // Serialised (answers, mails, outbound events) the links are plain strings.
    expect(Object.keys(JSON.parse(JSON.stringify(issued.links))).sort()).to.deep.equal([
      'cancel',
      'citizen',
      'clerk',
      'ics',
    ]);
  });

  it('short links (the default): a 22-character id per token id, the same on every read, turned back into the jti only by its issuer', () => {
    const shortIssuer = createLinkIssuer({
      key,
      publicUrl: () => 'https://termine.example.org',
      videoPublicUrl: 'https://video.example.org',
      opensMinutesBefore: 15,
      graceMinutesAfter: 60,
      now: () => new Date(),
    });
    const issued = shortIssuer.issue(subject);
    const id = (link: string) => /^https:\/\/video\.example\.org\/join#([A-Za-z0-9_-]{22})$/.exec(link)?.[1];
    const citizenId = id(issued.links.citizen)!;
    expect(citizenId).to.be.a('string');
    expect(shortIssuer.jtiOfLinkId(citizenId)).to.equal(issued.credentials.citizenJti);
    expect(shortIssuer.jtiOfLinkId(id(issued.links.clerk)!)).to.equal(issued.credentials.clerkJti);
    const stored = {
      ...subject,
      status: 'scheduled' as const,
      source: 'api',
      externalId: 'x',
      sequence: 0,
      notes: null,
      credentials: issued.credentials,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    expect(shortIssuer.currentLinks(stored).citizen).to.equal(issued.links.citizen);
    const token = jwt.verify(shortIssuer.joinToken(stored, 'citizen'), key.publicKey, {
      algorithms: ['ES256'],
      ignoreNotBefore: true,
    }) as jwt.JwtPayload;
    expect(token.jti).to.equal(issued.credentials.citizenJti);
    // Another key (another connector) cannot read the id; a changed character is no id at all.
    const otherPem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    const other = createLinkIssuer({
      key: fromPem(otherPem),
      publicUrl: () => 'https://x.example.org',
      videoPublicUrl: 'https://v.example.org',
      opensMinutesBefore: 15,
      graceMinutesAfter: 60,
      now: () => new Date(),
    });
    expect(other.jtiOfLinkId(citizenId)).to.not.equal(issued.credentials.citizenJti);
    const flipped = `${citizenId.slice(0, 5)}${citizenId[5] === 'A' ? 'B' : 'A'}${citizenId.slice(6)}`;
    expect(shortIssuer.jtiOfLinkId(flipped)).to.not.equal(issued.credentials.citizenJti);
    // A new link set gets new ids.
    expect(id(shortIssuer.issue(subject).links.citizen)).to.not.equal(citizenId);
  });

  it('refuses claims that break the join-token contract at issue time, not when a link is read later', () => {
    expect(() => issuer.issue({ ...subject, citizen: { ...subject.citizen, name: 'x'.repeat(10_000) } })).to.throw();
  });
});
