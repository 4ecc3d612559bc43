// GitHub-style page slicing and the Link header octokit.paginate follows.

export interface PageRequest {
  readonly page: number;
  readonly perPage: number;
}

/** GitHub defaults to 30 per page and caps at 100; bad values fall back to the defaults. */
export const pageRequest = (query: Readonly<Record<string, string>>): PageRequest => {
  const perPage = Number.parseInt(query['per_page'] ?? '', 10);
  const page = Number.parseInt(query['page'] ?? '', 10);
  return {
    perPage: Number.isFinite(perPage) && perPage > 0 ? Math.min(perPage, 100) : 30,
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
};

export const slicePage = <T>(items: readonly T[], req: PageRequest): T[] =>
  items.slice((req.page - 1) * req.perPage, req.page * req.perPage);

export const lastPage = (total: number, perPage: number): number => Math.max(1, Math.ceil(total / perPage));

/** The Link header for `url` (absolute, without page); undefined when everything fits on one page. */
export const linkHeader = (url: string, req: PageRequest, total: number): string | undefined => {
  const last = lastPage(total, req.perPage);
  if (last <= 1) return undefined;
  const at = (page: number): string => {
    const u = new URL(url);
    u.searchParams.set('per_page', String(req.perPage));
    u.searchParams.set('page', String(page));
    return u.toString();
  };
  const links: string[] = [];
  if (req.page > 1) links.push(`<${at(req.page - 1)}>; rel="prev"`);
  if (req.page < last) links.push(`<${at(req.page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  if (req.page > 1) links.push(`<${at(1)}>; rel="first"`);
  return links.join(', ');
};
