// One `account.role` a person can assume: the unit of access every grant (a pair group, a
// team) is counted in. Imports nothing, so that plans, teams and reviews can all name it.

export interface Pair {
  readonly account: string;
  readonly role: string;
}

export const pairKey = (pair: Pair): string => `${pair.account}.${pair.role}`;
