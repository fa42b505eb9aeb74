// /docs: Swagger UI (vendored, offline) over this app's own /openapi.json.
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
    validatorUrl: null, defaultModelsExpandDepth: 1 });
});
