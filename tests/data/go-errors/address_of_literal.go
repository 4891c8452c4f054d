package main

func main() {
	p := &5
	_ = p
}
