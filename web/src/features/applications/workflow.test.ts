import { describe, expect, it } from 'vitest';
import { enterpriseMoves } from './workflow';

describe('enterpriseMoves (mirrors the server workflow)', () => {
  it('moves forward only, may skip steps, and may always reject an open application', () => {
    expect(enterpriseMoves('submitted')).toEqual(['viewed', 'interview', 'offer', 'hired', 'rejected']);
    expect(enterpriseMoves('interview')).toEqual(['interview', 'offer', 'hired', 'rejected']);
    expect(enterpriseMoves('offer')).toEqual(['hired', 'rejected']);
  });

  it('offers nothing once an application is final', () => {
    expect(enterpriseMoves('hired')).toEqual([]);
    expect(enterpriseMoves('rejected')).toEqual([]);
    expect(enterpriseMoves('withdrawn')).toEqual([]);
  });
});
