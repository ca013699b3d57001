"""A round-robin TCP proxy on loopback for scale.sh: each new connection goes to the next backend port.

    python3 roundrobin.py LISTEN_PORT BACKEND_PORT...
"""
import asyncio
import itertools
import sys

LISTEN = int(sys.argv[1])
BACKENDS = itertools.cycle(int(p) for p in sys.argv[2:])
MAX_CONNECTIONS = asyncio.Semaphore(256)  # bounded: a runaway client cannot exhaust the machine


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def handle(client_reader, client_writer):
    async with MAX_CONNECTIONS:
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", next(BACKENDS))
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", LISTEN)
    async with server:
        await server.serve_forever()


asyncio.run(main())
