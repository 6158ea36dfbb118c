import {
  type AnchorHTMLAttributes,
  forwardRef,
  type MouseEvent,
  type ReactNode,
  useCallback,
  useSyncExternalStore,
} from "react";

// A small router on the History API: the location is an external store that pushState,
// replaceState and popstate update; routes are path patterns with :params.

const NAVIGATE_EVENT = "entente:navigate";

function subscribe(listener: () => void): () => void {
  window.addEventListener("popstate", listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener("popstate", listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}

const getHref = () => window.location.pathname + window.location.search;

/** The current path and query string; re-renders on every navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams; href: string } {
  const href = useSyncExternalStore(subscribe, getHref);
  const url = new URL(href, window.location.origin);
  return { pathname: url.pathname, search: url.searchParams, href };
}

export type NavigateOptions = { replace?: boolean; keepScroll?: boolean };

export function navigate(to: string, options: NavigateOptions = {}): void {
  if (to === getHref()) return;
  const samePath = new URL(to, window.location.origin).pathname === window.location.pathname;
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  if (!options.keepScroll && !samePath) window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** Reads and writes one query-string parameter (replacing the history entry by default). */
export function useSearchParam(
  name: string,
): [string | null, (value: string | null, options?: NavigateOptions) => void] {
  const { search } = useLocation();
  const set = useCallback(
    (value: string | null, options: NavigateOptions = { replace: true, keepScroll: true }) => {
      const url = new URL(window.location.href);
      if (value === null || value === "") url.searchParams.delete(name);
      else url.searchParams.set(name, value);
      navigate(url.pathname + url.search, options);
    },
    [name],
  );
  return [search.get(name), set];
}

export type Route<P extends string = string> = {
  readonly pattern: string;
  readonly render: (params: Record<P, string>) => ReactNode;
};

/** Matches "/frameworks/:code" against "/frameworks/PFP" → { code: "PFP" }. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const strip = (s: string) => s.replace(/\/+$/, "") || "/";
  const want = strip(pattern).split("/");
  const have = strip(pathname).split("/");
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? "";
    const h = have[i] ?? "";
    if (w.startsWith(":")) {
      if (h === "") return null;
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) return null;
  }
  return params;
}

export function resolveRoute(
  routes: readonly Route[],
  pathname: string,
): { route: Route; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = matchPath(route.pattern, pathname);
    if (params) return { route, params };
  }
  return null;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: string };

/** An ordinary link that navigates in the app unless the user asks for a new tab or window. */
export const Link = forwardRef<HTMLAnchorElement, LinkProps>(function Link({ to, onClick, ...rest }, ref) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (rest.target && rest.target !== "_self") return;
    event.preventDefault();
    navigate(to);
  };
  return <a ref={ref} href={to} onClick={handleClick} {...rest} />;
});

/** A navigation link that marks the current section with aria-current="page". */
export function NavLink({ to, children, exact = false }: { to: string; children: ReactNode; exact?: boolean }) {
  const { pathname } = useLocation();
  const active = exact ? pathname === to : pathname === to || pathname.startsWith(`${to}/`);
  return (
    <Link to={to} aria-current={active ? "page" : undefined} className="nav-link">
      {children}
    </Link>
  );
}
