"""Live push over Socket.IO: each signed-in connection sits in its user's room of the
`/notifs` namespace and hears what is pushed to that user once it has been committed.

`hub` routes a push (no Socket.IO import until one is sent); `server` builds the Socket.IO
server the web app mounts at `/socket.io/`.
"""
