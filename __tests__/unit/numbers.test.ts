// Counts are written as en-US writes them (1,234), without loading ICU's locale data.
import { countText } from '../../src/core/numbers.ts';

test('counts read as toLocaleString("en-US") writes them', () => {
  for (const n of [0, 1, 7, 12, 999, 1000, 5531, 12_345, 999_999, 1_000_000, 1_234_567_890, -1234, 1234.5])
    expect(countText(n)).toBe(n.toLocaleString('en-US'));
});
