package main

import "time"

func main() {}
