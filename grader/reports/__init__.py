"""Everything the batch grader writes into RESULTS, one module per kind of file."""
