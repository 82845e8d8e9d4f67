import { mergeNewestFirst } from './event-merge';

describe('mergeNewestFirst', () => {
  it('prepends live rows, appends older pages, and drops duplicates', () => {
    const page = [{ seq: 5 }, { seq: 4 }];
    expect(mergeNewestFirst(page, [{ seq: 6 }]).map((e) => e.seq)).toEqual([6, 5, 4]);
    expect(mergeNewestFirst(page, [{ seq: 3 }, { seq: 2 }]).map((e) => e.seq)).toEqual([5, 4, 3, 2]);
    expect(mergeNewestFirst(page, [{ seq: 5 }, { seq: 4 }])).toHaveLength(2);
  });
});
