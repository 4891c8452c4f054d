package main

var r rune

func main() {}
