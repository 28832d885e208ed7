import { useEffect, useRef } from "react";
import { useLocation, useNavigation } from "@remix-run/react";

/**
 * Keeps keyboard focus somewhere meaningful after a page change or a form post.
 *
 * Pages change in the browser, without a full reload: the link or button that was pressed is often
 * gone afterwards (a new page, a queue item that was decided, a "Publish" button that became
 * "Close"), and the browser then drops focus on <body>. A keyboard or screen-reader user is left
 * nowhere and must start over from the top. Only when focus was lost does this step in, so a
 * control that survives the change keeps its focus, and live updates (which are not navigations)
 * never move focus at all.
 */
export function FocusAfterNavigation() {
  const navigation = useNavigation();
  const location = useLocation();
  const busy = navigation.state !== "idle";
  const wasBusy = useRef(false);
  const lastFocused = useRef<Element | null>(null);
  const startPath = useRef(location.pathname);

  // What had focus last: a button disabled while its form is sent loses focus in Chrome, and
  // should get it back when the same page stays.
  useEffect(() => {
    const remember = (event: FocusEvent) => {
      if (event.target instanceof Element) lastFocused.current = event.target;
    };
    document.addEventListener("focusin", remember);
    return () => document.removeEventListener("focusin", remember);
  }, []);

  useEffect(() => {
    if (busy) {
      if (!wasBusy.current) startPath.current = location.pathname;
      wasBusy.current = true;
      return;
    }
    if (!wasBusy.current) return;
    wasBusy.current = false;
    const samePage = startPath.current === location.pathname;
    // After the new content has been painted.
    const frame = requestAnimationFrame(() => {
      if (!focusWasLost()) return;
      const target = focusTarget(samePage ? lastFocused.current : null, location.hash);
      if (!target) return;
      if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      // Scrolling is left to the page's scroll restoration, except for a message the user must see.
      target.focus({ preventScroll: target.id === "main" });
    });
    return () => cancelAnimationFrame(frame);
  }, [busy, location.pathname, location.hash]);

  return null;
}

function focusWasLost() {
  const active = document.activeElement;
  return !active || active === document.body || active === document.documentElement || !active.isConnected;
}

function isUsable(element: Element | null): element is HTMLElement {
  return (
    element instanceof HTMLElement &&
    element.isConnected &&
    !(element as HTMLButtonElement).disabled &&
    element.getClientRects().length > 0
  );
}

/**
 * In order: a form's error summary (so the errors are read first), the control that was used if
 * it is still there, the part of the page the address points to (#results), the page's message
 * about what just happened, and else the main content, from where Tab goes on through the page.
 */
function focusTarget(previous: Element | null, hash: string): HTMLElement | null {
  const main = document.getElementById("main");
  const summary = main?.querySelector(".error-summary") ?? null;
  if (isUsable(summary)) return summary;
  if (isUsable(previous)) return previous;
  const anchored = hash.length > 1 ? document.getElementById(safeDecode(hash.slice(1))) : null;
  if (isUsable(anchored)) return anchored;
  const message = main?.querySelector(".flash") ?? null;
  if (isUsable(message)) return message;
  return main;
}

/** A hand-typed address may carry a broken escape: it then simply names no element. */
function safeDecode(text: string) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
