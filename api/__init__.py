"""The command line, the HTTP service (SPARQL endpoint, dashboard API) and the web pages."""
