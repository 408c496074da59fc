import { createHash } from 'node:crypto';
import { inclusionProof, leafHash, merkleRoot, verifyInclusion } from './merkle-tree';

/** RFC 6962 section 2.1, written as the RFC defines it (recursive split), to check the other. */
function referenceRoot(leaves: readonly string[]): string {
  if (leaves.length === 0) return createHash('sha256').digest('hex');
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(Buffer.from(referenceRoot(leaves.slice(0, k)), 'hex'))
    .update(Buffer.from(referenceRoot(leaves.slice(k)), 'hex'))
    .digest('hex');
}

const leavesOf = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => leafHash(`leaf ${i}`));

describe('the Merkle tree (RFC 6962 shape)', () => {
  it('gives the root of the certificate-transparency test vector', () => {
    const inputs = [
      '',
      '00',
      '10',
      '2021',
      '3031',
      '40414243',
      '5051525354555657',
      '606162636465666768696a6b6c6d6e6f',
    ].map((hex) => leafHash(Buffer.from(hex, 'hex')));
    expect(leafHash(Buffer.alloc(0))).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    expect(merkleRoot(inputs)).toBe(
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    );
  });

  it('matches the recursive definition for every size up to 70', () => {
    for (let n = 0; n <= 70; n += 1)
      expect(merkleRoot(leavesOf(n))).toBe(referenceRoot(leavesOf(n)));
  });

  it('proves every leaf of trees up to 40 leaves, and nothing else', () => {
    for (let n = 1; n <= 40; n += 1) {
      const leaves = leavesOf(n);
      const root = merkleRoot(leaves);
      leaves.forEach((leaf, index) => {
        const proof = inclusionProof(leaves, index);
        expect(verifyInclusion(leaf, index, n, proof, root)).toBe(true);
        expect(verifyInclusion(leafHash('forged'), index, n, proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion(leaf, (index + 1) % n, n, proof, root)).toBe(false);
      });
    }
  });

  it('refuses a proof for an index outside the tree', () => {
    const leaves = leavesOf(5);
    expect(verifyInclusion(leaves[0], 5, 5, [], merkleRoot(leaves))).toBe(false);
    expect(() => inclusionProof(leaves, 5)).toThrow(RangeError);
  });
});
