package main

var x float64

func main() {}
