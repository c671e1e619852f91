-- wrk: POST one CSV row to /invocations (the row is read from the ROW environment variable).
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/csv"
wrk.body = os.getenv("ROW") .. "\n"
