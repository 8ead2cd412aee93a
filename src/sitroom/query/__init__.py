"""Reading the store: filters, pages, clusters and claim comparisons shared by the CLI, HTTP
and Python APIs."""
