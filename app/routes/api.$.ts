// Unknown API paths answer JSON, so API clients never have to parse an HTML error page.
const notFound = () => Response.json({ error: "not_found" }, { status: 404 });

export const loader = notFound;
export const action = notFound;
