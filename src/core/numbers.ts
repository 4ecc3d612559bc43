// Counts as people read them, `1,234`: written out rather than through `toLocaleString`, whose
// first call loads ICU's locale data (about 13 ms of every run's start, for a comma).
export const countText = (n: number): string => {
  const [whole = '', fraction] = String(Math.abs(n)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
};
