"""A small TCP proxy for fault injection between a service and RabbitMQ or PostgreSQL:
forward, refuse (as if the server were down), blackhole (connections hang), add latency."""
import socket

import eventlet

FORWARD, REFUSE, BLACKHOLE = "forward", "refuse", "blackhole"


class TcpProxy:
    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.mode, self.latency = FORWARD, 0.0
        self.connections = set()
        self.server = eventlet.listen(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self._acceptor = eventlet.spawn(self._accept)

    def enable(self):
        self.mode = FORWARD

    def disable(self):
        """Like a server that went away: open connections are cut, new ones refused."""
        self.mode = REFUSE
        self._cut_all()

    def blackhole(self):
        """Like a network that drops everything: connections stay open but nothing passes."""
        self.mode = BLACKHOLE

    def close(self):
        self._acceptor.kill()
        self.server.close()
        self._cut_all()

    def _accept(self):
        while True:
            client, _ = self.server.accept()
            if self.mode == REFUSE:
                client.close()
                continue
            eventlet.spawn(self._serve, client)

    def _serve(self, client):
        try:
            upstream = eventlet.connect(self.target)
        except OSError:
            client.close()
            return
        pair = (client, upstream)
        self.connections.add(pair)
        eventlet.spawn(self._pump, client, upstream, pair)
        eventlet.spawn(self._pump, upstream, client, pair)

    def _pump(self, source, sink, pair):
        try:
            while (data := source.recv(65536)):
                if self.mode == BLACKHOLE:
                    continue
                if self.latency:
                    eventlet.sleep(self.latency)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            self._cut(pair)
            source.close()  # each socket is closed by the one green thread reading it

    def _cut(self, pair):
        """Shut both sockets down: their readers wake up, end and close them."""
        self.connections.discard(pair)
        for sock in pair:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def _cut_all(self):
        for pair in list(self.connections):
            self._cut(pair)
