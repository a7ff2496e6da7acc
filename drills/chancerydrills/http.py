"""A small HTTP/1.1 client over one keep-alive connection, reconnecting after errors."""

import http.client
import json


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body) if self.body else None

    def header(self, name):
        return self.headers.get(name.lower())

    def __repr__(self):
        return f"{self.status} {self.body[:200]!r}"


class Client:
    def __init__(self, port, token=None, timeout=30):
        self.port = port
        self.token = token
        self.timeout = timeout
        self.connection = None

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def send_and_hang_up(self, method, path, body=None, headers=None):
        """Sends a request and closes the connection without reading the answer: the client
        that never learns whether its write was stored."""
        try:
            self._connection().request(method, path, body=self._payload(body), headers=self._headers(body, headers))
        except (OSError, http.client.HTTPException):
            pass
        self.close()

    def _connection(self):
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        return self.connection

    def _headers(self, body, headers):
        all_headers = {"Accept": "application/json"}
        if self.token:
            all_headers["Authorization"] = "Bearer " + self.token
        if body is not None:
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        return all_headers

    @staticmethod
    def _payload(body):
        return json.dumps(body).encode() if body is not None else None

    def request(self, method, path, body=None, headers=None):
        """Sends one request; a connection error closes the connection and raises OSError or
        http.client.HTTPException for the caller to retry."""
        connection = self._connection()
        try:
            connection.request(method, path, body=self._payload(body), headers=self._headers(body, headers))
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        answer = Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data.decode("utf-8", "replace"))
        if answer.header("connection") == "close":
            self.close()
        return answer
