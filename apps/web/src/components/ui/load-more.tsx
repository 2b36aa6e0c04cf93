import { Button } from "~/components/ui/button";

/** The footer of a list read page by page: "Load more" while the server has another page. */
export function LoadMore({
  list,
}: {
  list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
}) {
  if (!list.hasNextPage) return null;
  return (
    <div className="flex justify-center border-t p-4">
      <Button variant="outline" disabled={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
        {list.isFetchingNextPage ? "Loading…" : "Load more"}
      </Button>
    </div>
  );
}
