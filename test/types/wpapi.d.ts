// The parts of the `wpapi` client the compatibility tests use (the package ships no types).
declare module 'wpapi' {
  interface Paging {
    total: number;
    totalPages: number;
    next?: WPRequest;
    prev?: WPRequest;
  }
  type Collection = Record<string, unknown>[] & { _paging?: Paging };
  interface WPRequest {
    id(id: number): WPRequest;
    perPage(n: number): WPRequest;
    page(n: number): WPRequest;
    search(s: string): WPRequest;
    slug(s: string): WPRequest;
    categories(ids: number | number[]): WPRequest;
    tags(ids: number | number[]): WPRequest;
    orderby(s: string): WPRequest;
    order(s: 'asc' | 'desc'): WPRequest;
    after(d: string | Date): WPRequest;
    before(d: string | Date): WPRequest;
    embed(): WPRequest;
    param(key: string, value: string | number | (string | number)[]): WPRequest;
    get(): Promise<Collection & Record<string, unknown>>;
  }
  export default class WPAPI {
    constructor(options: { endpoint: string });
    posts(): WPRequest;
    categories(): WPRequest;
    tags(): WPRequest;
    users(): WPRequest;
    media(): WPRequest;
    comments(): WPRequest;
    /** Follows the site's `Link: rel="https://api.w.org/"` header and binds to the routes its index lists. */
    static discover(url: string): Promise<WPAPI>;
  }
}
