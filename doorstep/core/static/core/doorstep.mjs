// Start GOV.UK Frontend's components on every page. A module file, never an inline script,
// so the Content Security Policy can forbid inline code.
import { initAll } from "../govuk/govuk-frontend.min.js";

// GOV.UK's page template does this in an inline script; the classes turn on the components'
// JavaScript-enhanced styles where the browser supports ES modules (this file running proves it).
document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
