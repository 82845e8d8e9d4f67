/** A page of rows carrying `seq`: the list contract plus the cursor of the next page. */
export function cursorPage<T extends { seq: number }>(items: T[], total: number, limit: number, offset: number) {
  return {
    items,
    total,
    page: Math.floor(offset / limit) + 1,
    pageSize: limit,
    nextCursor: items.length === limit ? items[items.length - 1].seq : null,
  };
}
