"""`auditor serve`: a long-running HTTP service that audits stories for a CMS."""
