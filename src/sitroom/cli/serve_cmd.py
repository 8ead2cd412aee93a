"""``sitroom serve``: the HTTP API and the web page over one store, on loopback by default."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from sitroom.cli.app import app
from sitroom.cli.options import DEFAULT_DB, DbOption


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str,
        typer.Option(
            "--host", help="Address to listen on; 0.0.0.0 exposes the server to the network."
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
    ingest_token: Annotated[
        str | None,
        typer.Option(
            "--ingest-token",
            envvar="SITROOM_INGEST_TOKEN",
            show_envvar=True,
            help="Enables POST /api/ingest for requests sending this Bearer token.",
        ),
    ] = None,
    max_body: Annotated[
        int, typer.Option("--max-body", min=1, help="Largest request body in bytes.")
    ] = 2 * 1024 * 1024,
    rate: Annotated[
        float, typer.Option("--rate", min=0.01, help="Requests per second per client.")
    ] = 50.0,
    burst: Annotated[
        int, typer.Option("--burst", min=1, help="Requests a client may send at once.")
    ] = 200,
    print_openapi: Annotated[
        bool, typer.Option("--print-openapi", help="Print the OpenAPI document and exit.")
    ] = False,
) -> None:
    """Serve the HTTP API (/api/...) and the web situation room (/) over a store."""
    from sitroom.http import ApiSettings, create_app

    settings = ApiSettings.from_env(
        ingest_token=ingest_token, max_body_bytes=max_body, rate_per_s=rate, burst=burst
    )
    application = create_app(db, settings)
    if print_openapi:
        sys.stdout.write(json.dumps(application.openapi(), indent=2, ensure_ascii=False) + "\n")
        return
    if not db.is_file() and not settings.ingest_token:
        typer.echo(
            f"error: {db}: no store here (run `sitroom ingest ... --db {db}` first)", err=True
        )
        raise typer.Exit(1)
    import uvicorn

    typer.echo(
        f"sitroom: serving {db} on http://{host}:{port}/ "
        f"(ingest over HTTP {'on' if settings.ingest_token else 'off'})",
        err=True,
    )
    uvicorn.run(
        application,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=5,
    )
