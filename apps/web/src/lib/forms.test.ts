import { describe, expect, it } from 'vitest';
import { mergeTheirs } from './forms';

describe('mergeTheirs (stale edit, take their changes)', () => {
  it('takes their value where they changed a field, keeps mine elsewhere', () => {
    const seen = { phone: '1', address: 'a', notes: '' };
    const theirs = { phone: '2', address: 'a', notes: '' };
    const mine = { phone: '1', address: 'b', notes: 'mine' };
    expect(mergeTheirs(seen, theirs, mine)).toEqual({ phone: '2', address: 'b', notes: 'mine' });
  });

  it('compares lists by content, so an unchanged list keeps my edits', () => {
    const seen = { allergies: [{ allergen: 'Pollen' }], name: 'Rex' };
    const theirs = { allergies: [{ allergen: 'Pollen' }], name: 'Rexy' };
    const mine = { allergies: [{ allergen: 'Pollen' }, { allergen: 'Wheat' }], name: 'Rex' };
    expect(mergeTheirs(seen, theirs, mine)).toEqual({
      allergies: [{ allergen: 'Pollen' }, { allergen: 'Wheat' }],
      name: 'Rexy',
    });
  });
});
