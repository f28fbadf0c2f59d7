"""What a host needs of the built site: public address, size cap, robots.txt, each file's headers and upload order."""
