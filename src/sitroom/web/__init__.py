"""The web situation room: a static page (vanilla JS modules, no build step) served by
the API process, with third-party browser libraries served from node_modules."""
