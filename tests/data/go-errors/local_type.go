package main

func main() {
	type T struct{}
}
