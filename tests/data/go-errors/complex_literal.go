package main

func main() {
	x := 2i
	_ = x
}
