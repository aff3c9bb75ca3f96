// Swagger UI over this server's OpenAPI schema, from bundled files (no CDN; no inline script, for the CSP).
window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true});
