#!/bin/sh
# Starts the service from its extracted layers; any arguments (such as the token commands
# generate-key, encrypt, decrypt, reencrypt) go to the application's main method.
exec java org.springframework.boot.loader.launch.JarLauncher "$@"
